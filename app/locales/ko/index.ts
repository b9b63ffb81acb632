// 한국어 카탈로그. 영역마다 파일 하나; 키는 ../en과 같아야 합니다.
import type { Messages } from "../en";
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

const ko: Messages = { ...common, ...accounts, ...admin, ...ideas, ...workflow, ...deliberation, ...stats, ...moderation, ...about, ...settings, ...administration, ...privacy, ...clock, ...committees, ...events, ...transfers, ...meetings, ...assisted, ...verification, ...twoFactor, ...receipts, ...guests, ...trust, ...securityLog };
import trust from "./trust";

export default ko;
