/**
 * Password policy for all accounts (students, parents, staff). Rules:
 * 8–128 characters, at least one ASCII letter and one digit, not on the
 * common-password list (case-insensitive), and not containing the user's own
 * username, mobile number or ID number (nor the ID number's last six
 * characters, a habitual Chinese initial password).
 */
import { z } from "zod";
import { normaliseIdNumber } from "./id-number";
import { normaliseMobile } from "./mask";

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordContext = { username?: string; phone?: string; idNumber?: string };

/**
 * Frequently used and leaked passwords, worldwide and Chinese-typical
 * (pinyin, 520/1314 "I love you forever", keyboard walks, QQ habits).
 * Stored lower-case; comparison is case-insensitive.
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  // digits and keyboard runs
  "12345678",
  "123456789",
  "1234567890",
  "0123456789",
  "87654321",
  "987654321",
  "11111111",
  "00000000",
  "88888888",
  "66666666",
  "12341234",
  "11223344",
  "123123123",
  "147258369",
  "123456123",
  "5201314520",
  "1314520520",
  "52013145",
  "13145201",
  "31415926",
  // letters only
  "password",
  "iloveyou",
  "qwertyui",
  "qwertyuiop",
  "asdfghjk",
  "asdfghjkl",
  "zxcvbnm",
  "zxcvbnmm",
  "abcdefgh",
  "abcdefg",
  "woaini",
  "woainima",
  "woaiwojia",
  "nihaoma",
  "wangyang",
  "zhangwei",
  "liuyang",
  "princess",
  "sunshine",
  "football",
  "baseball",
  "superman",
  "dragon",
  "monkey",
  "letmein",
  "welcome",
  "admin",
  "master",
  "shadow",
  // letters + digits
  "password1",
  "password12",
  "password123",
  "password1234",
  "passw0rd",
  "p@ssw0rd",
  "p@ssword1",
  "pass1234",
  "pass123456",
  "admin123",
  "admin1234",
  "admin12345",
  "admin123456",
  "admin888",
  "administrator1",
  "root1234",
  "root123456",
  "test1234",
  "test123456",
  "test12345",
  "abc12345",
  "abc123456",
  "abc1234567",
  "abcd1234",
  "abcd12345",
  "abcd123456",
  "abc123abc",
  "abcdefg1",
  "abcdefg123",
  "abc123456789",
  "a1234567",
  "a12345678",
  "a123456789",
  "a1b2c3d4",
  "a1b2c3d4e5",
  "aa123456",
  "aa12345678",
  "aaa12345",
  "aaa123456",
  "q1234567",
  "q12345678",
  "q123456789",
  "qq123456",
  "qq1234567",
  "qq12345678",
  "qq123456789",
  "qwe12345",
  "qwe123456",
  "qwe123qwe",
  "qwer1234",
  "qwert123",
  "qwerty12",
  "qwerty123",
  "qwerty1234",
  "qwerty123456",
  "qweasd123",
  "qazwsx123",
  "1qaz2wsx",
  "1qaz2wsx3edc",
  "1q2w3e4r",
  "1q2w3e4r5t",
  "1q2w3e4r5t6y",
  "q1w2e3r4",
  "q1w2e3r4t5",
  "zaq12wsx",
  "zxcvbnm1",
  "zxcvbnm123",
  "zxc12345",
  "zxc123456",
  "asd12345",
  "asd123456",
  "asdf1234",
  "asdfgh123",
  "123456a",
  "123456aa",
  "123456abc",
  "12345678a",
  "123456789a",
  "1234567a",
  "123qwe123",
  "123qweasd",
  "123abc123",
  "1234abcd",
  "12345abc",
  "12345qwert",
  "1234qwer",
  "woaini1314",
  "woaini520",
  "woaini123",
  "woaini1234",
  "woaini521",
  "woaini1314520",
  "iloveyou1",
  "iloveyou123",
  "iloveyou520",
  "ilove1314",
  "love1314",
  "love123456",
  "wo5201314",
  "a5201314",
  "aa5201314",
  "520520520a",
  "a1314520",
  "woaini5201314",
  "5201314a",
  "1314520a",
  "w123456789",
  "wang123456",
  "li123456",
  "zhang123456",
  "liu123456",
  "chen123456",
  "yang123456",
  "huang123456",
  "zhao123456",
  "wu123456",
  "zhou123456",
  "xu123456",
  "sun123456",
  "ma123456",
  "zhu123456",
  "hu123456",
  "guo123456",
  "he123456",
  "lin123456",
  "luo123456",
  "gao123456",
  "wangwei123",
  "zhangwei123",
  "baidu123",
  "baidu1234",
  "taobao123",
  "weixin123",
  "wechat123",
  "qq5201314",
  "tencent123",
  "china123",
  "china1234",
  "china12345",
  "china123456",
  "beijing123",
  "shanghai123",
  "guangzhou123",
  "shenzhen123",
  "student1",
  "student123",
  "school123",
  "teacher1",
  "teacher123",
  "xuesheng123",
  "laoshi123",
  "xiaoxue123",
  "zhongxue123",
  "letmein1",
  "welcome1",
  "welcome123",
  "monkey123",
  "dragon123",
  "shadow123",
  "master123",
  "sunshine1",
  "princess1",
  "football1",
  "superman1",
  "trustno1",
  "batman123",
  "hello123",
  "hello1234",
  "hello12345",
  "hello123456",
  "nihao123",
  "nihao123456",
  "user1234",
  "user123456",
  "guest123",
  "changeme1",
  "changeme123",
  "aini1314",
  "888888aa",
  "666666aa",
  "aa888888",
  "a88888888",
  "a66666666",
  "a11111111",
  "a00000000",
]);

const LETTER = /[A-Za-z]/;
const DIGIT = /\d/;

/**
 * Returns a Simplified-Chinese description of the first problem with
 * `password`, or null when it satisfies the policy. `context` holds the
 * account's own identifiers, which must not appear in the password.
 */
export function passwordProblem(password: string, context: PasswordContext = {}): string | null {
  const length = Array.from(password).length;
  if (length < PASSWORD_MIN_LENGTH) return `密码至少需要${PASSWORD_MIN_LENGTH}位，请设置更长的密码`;
  if (length > PASSWORD_MAX_LENGTH) return `密码不能超过${PASSWORD_MAX_LENGTH}位，请缩短后重试`;
  if (!LETTER.test(password) || !DIGIT.test(password)) return "密码需同时包含英文字母和数字，请修改后重试";

  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return "该密码过于常见，容易被猜到，请换一个更复杂的密码";

  const username = context.username?.trim().toLowerCase();
  if (username && username.length >= 3 && lower.includes(username)) {
    return "密码不能包含用户名，请换一个密码";
  }
  const phone = context.phone ? normaliseMobile(context.phone) : "";
  if (phone.length >= 6 && password.includes(phone)) return "密码不能包含手机号，请换一个密码";

  const id = context.idNumber ? normaliseIdNumber(context.idNumber).toLowerCase() : "";
  if (id.length >= 6 && (lower.includes(id) || lower.includes(id.slice(-6)))) {
    return "密码不能包含身份证号（包括身份证号后六位），请换一个密码";
  }
  return null;
}

/** Whether `password` is on the embedded common-password list (case-insensitive). */
export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}

/** Zod schema for a new password when the account's identifiers are known. */
export function newPasswordSchemaFor(context: PasswordContext) {
  return z
    .string()
    .max(PASSWORD_MAX_LENGTH * 2, `密码不能超过${PASSWORD_MAX_LENGTH}位，请缩短后重试`)
    .superRefine((value, ctx) => {
      const problem = passwordProblem(value, context);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}

/** Zod schema for a new password (form fields); identifier checks need {@link newPasswordSchemaFor}. */
export const newPasswordSchema = newPasswordSchemaFor({});
