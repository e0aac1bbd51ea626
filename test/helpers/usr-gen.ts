// Test helper: the USR file generator lives with the demo (which imports sample files); tests and the bench use it from here.
export * from '../../src-main/demo/usr.gen';
