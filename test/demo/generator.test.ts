// Generated organisations carry requisites the contract accepts, phones in any spelling normalise, runs are reproducible.
import { describe, expect, it } from 'vitest';
import { clientCreateInput } from '../../src-shared/api/clients';
import { counterpartyInput, emailInput } from '../../src-shared/api/common';
import { innOk, kppOk, ogrnOk } from '../helpers/requisites-ref';
import { normalizePhone } from '../../src-shared/validation/phone';
import { Rng, banks, cityPhone, counterpartyOf, mobilePhone, orgEmail, organisation, person, personEmail, spellPhone } from '../../src-main/demo/generator';
import { CITIES } from '../../src-main/demo/pools';

describe('demo generator', () => {
  it('makes organisations whose requisites pass the contract checks, for every kind', () => {
    const rng = new Rng(5);
    const bankList = banks(new Rng(7));
    const kinds = new Set<string>();
    const inns = new Set<string>();
    for (let i = 1; i <= 1500; i++) {
      const org = organisation(rng, i);
      kinds.add(org.kind);
      inns.add(org.inn);
      // References written from the definitions: the generator finds check digits by asking the product's validators.
      expect(innOk(org.inn), org.inn).toBe(true);
      if (org.kind === 'ip') {
        expect(org.inn).toHaveLength(12);
        expect(org.kpp).toBeNull();
        expect(org.ogrn).toHaveLength(15);
        expect(ogrnOk(org.ogrn), org.ogrn).toBe(true);
      } else {
        expect(org.inn).toHaveLength(10);
        expect(kppOk(org.kpp!), org.kpp!).toBe(true);
        expect(org.ogrn).toHaveLength(13);
        expect(ogrnOk(org.ogrn), org.ogrn).toBe(true);
      }
      const cp = counterpartyInput.safeParse(counterpartyOf(rng, org, rng.pick(bankList)));
      expect(cp.success, JSON.stringify(cp.error?.issues)).toBe(true);
      const client = clientCreateInput.safeParse({
        name: org.name,
        inn: org.inn,
        kpp: org.kpp,
        phones: [{ raw: cityPhone(rng, org.city, i).raw }],
        emails: [{ email: orgEmail(rng, org) }, { email: personEmail(rng, org.director, org.domain) }],
      });
      expect(client.success, JSON.stringify(client.error?.issues)).toBe(true);
    }
    expect([...kinds].sort()).toEqual(['ao', 'budget', 'ip', 'ooo']);
    // ИНН come from a running serial, so they do not repeat among the first thousands.
    expect(inns.size).toBe(1500);
  });

  it('writes phones in several spellings that all normalise to the same 10 digits', () => {
    const rng = new Rng(9);
    for (const city of CITIES) {
      for (let style = 0; style < 5; style++) {
        const p = cityPhone(rng, city, style);
        expect(p.digits).toMatch(/^\d{10}$/);
        expect(normalizePhone(p.raw)?.digits, p.raw).toBe(p.digits);
        const m = mobilePhone(rng, style);
        expect(normalizePhone(m.raw)?.digits, m.raw).toBe(m.digits);
      }
    }
    expect(spellPhone('4232223344', 3, 0)).toBe('+7 (423) 222-33-44');
    expect(spellPhone('4212453344', 4, 1)).toBe('8 (4212) 45-33-44');
  });

  it('gives people a consistent sex across surname, name and patronymic', () => {
    const rng = new Rng(3);
    for (let i = 0; i < 300; i++) {
      const p = person(rng);
      expect(p.middle.endsWith(p.female ? 'на' : 'ич'), p.full).toBe(true);
      expect(p.full).toBe(`${p.last} ${p.first} ${p.middle}`);
    }
  });

  it('is reproducible for a seed and differs between seeds', () => {
    const names = (seed: number) => Array.from({ length: 20 }, (_, i) => organisation(new Rng(seed + i), i + 1).name);
    expect(names(1)).toEqual(names(1));
    expect(names(1)).not.toEqual(names(1000));
    expect(emailInput.safeParse({ email: personEmail(new Rng(1), person(new Rng(2)), null) }).success).toBe(true);
  });
});
