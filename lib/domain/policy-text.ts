/** The aid policy an applicant reads and acknowledges before applying, per stage. */
import type { Stage } from "./codes";

const COMMON = [
  "家庭经济困难学生认定以学生家庭经济状况为主要依据，坚持实事求是、客观公正，定量评价与定性评价相结合。",
  "学校将组织班级评议、入户调查等工作，认定结果在校内公示（公示内容仅含姓名、班级和认定等级或资助项目，不公开身份证号、收入、家庭情况等隐私信息）。",
  "申请人须如实填写家庭经济信息并上传佐证材料。提供虚假信息，或因建房、购房、购车、经商等导致家庭困难，或有高消费等情况的，将取消资助资格并追回已发放资金。",
  "父母一方在国家机关、事业单位或国有企业工作，或家庭有稳定收入项目的，请到学校资助办公室现场申请。",
];

const BY_STAGE: Record<Stage, string> = {
  KINDERGARTEN:
    "学前教育幼儿资助：资助家庭经济困难幼儿、孤儿和残疾儿童接受普惠性学前教育，由家长（监护人）申请。",
  PRIMARY: "义务教育阶段：免除学杂费、免费提供教科书，对家庭经济困难学生补助生活费，由家长（监护人）申请。",
  JUNIOR: "义务教育阶段：免除学杂费、免费提供教科书，对家庭经济困难学生补助生活费，由家长（监护人）申请。",
  SENIOR:
    "普通高中：国家助学金分档资助家庭经济困难学生；脱贫家庭、低保、特困供养、残疾等学生免除学杂费，由学生本人申请。",
  VOCATIONAL:
    "中等职业学校：全日制正式学籍学生免学费；国家助学金资助一、二年级家庭经济困难学生，按月发放，由学生本人申请。",
  COLLEGE: "本专科：国家助学金、国家励志奖学金、国家助学贷款等，由学生本人申请。",
  GRADUATE: "研究生：国家助学金、学业奖学金、国家助学贷款等，由学生本人申请。",
};

export function policyFor(stage: Stage): { summary: string; points: string[] } {
  return { summary: BY_STAGE[stage], points: COMMON };
}
