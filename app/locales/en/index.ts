// The English catalog, one file per area of the site. The Korean catalog (../ko) must have the
// same keys: its files are typed against this one.
import accounts from "./accounts";
import admin from "./admin";
import common from "./common";
import ideas from "./ideas";
import workflow from "./workflow";
import deliberation from "./deliberation";
import stats from "./stats";
import moderation from "./moderation";
import about from "./about";
import settings from "./settings";
import administration from "./administration";
import privacy from "./privacy";
import clock from "./clock";
import committees from "./committees";
import events from "./events";
import transfers from "./transfers";
import meetings from "./meetings";
import assisted from "./assisted";
import verification from "./verification";
import twoFactor from "./two-factor";
import receipts from "./receipts";
import guests from "./guests";
import securityLog from "./security-log";

const en = { ...common, ...accounts, ...admin, ...ideas, ...workflow, ...deliberation, ...stats, ...moderation, ...about, ...settings, ...administration, ...privacy, ...clock, ...committees, ...events, ...transfers, ...meetings, ...assisted, ...verification, ...twoFactor, ...receipts, ...guests, ...trust, ...securityLog };
import trust from "./trust";


export default en;

type Catalog<T> = { [K in keyof T]: T[K] extends string ? string : Catalog<T[K]> };
export type Messages = Catalog<typeof en>;
