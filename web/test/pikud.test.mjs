// Compatibility test with a real client: the npm package pikud-haoref-api (4.0.0), pointed at the drill server
// instead of www.oref.org.il. Only its base URL changes (its config module holds the two feed URLs).
// Usage: node pikud.test.mjs BASE_URL missiles AREA_NAME...   (expects an active missiles alert naming every area)
//        node pikud.test.mjs BASE_URL none                    (expects no active alert)
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [base, expected, ...areas] = process.argv.slice(2);
if (!base || !['missiles', 'none'].includes(expected)) {
  console.error('usage: node pikud.test.mjs BASE_URL missiles|none [AREA_NAME...]');
  process.exit(2);
}

const config = require('pikud-haoref-api/config');
const root = base.replace(/\/$/, '');
config.hfc.alerts.api = `${root}/WarningMessages/alert/Alerts.json`;
config.hfc.alertsHistory.api = `${root}/WarningMessages/alert/History/AlertsHistory.json`;
const pikudHaoref = require('pikud-haoref-api');

// The client logs the raw Alerts.json it parsed; keep stdout for our verdict.
const log = console.log;
console.log = (...args) => console.error(...args);
pikudHaoref.getActiveAlert((err, alert) => {
  console.log = log;
  if (err) {
    console.error(`client error: ${err.message}`);
    process.exit(1);
  }
  const missing = areas.filter(a => !alert.cities.includes(a));
  if (alert.type !== expected || missing.length > 0) {
    console.error(`expected type '${expected}'${areas.length ? ` naming ${areas.join(', ')}` : ''}; the client reported ${JSON.stringify(alert)}`);
    process.exit(1);
  }
  console.log(JSON.stringify(alert));
});
