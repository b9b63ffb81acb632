// Moved to tests/fixtures/app.ts, the one way tests start the app; this name stays for the test
// files that other branches are editing now. New code imports from "../fixtures/app".
export { newestMail, sessionCookie, spawnApp, startTestApp, type TestApp } from "../fixtures/app";
