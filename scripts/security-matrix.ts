/** npm run security:matrix [-- --write] — prints (or writes into SECURITY.md) the access matrix table. */
import fs from "node:fs";
import { accessMatrixMarkdown, withCurrentMatrix } from "@/lib/auth/access/matrix-doc";

if (process.argv.includes("--write")) {
  fs.writeFileSync("SECURITY.md", withCurrentMatrix(fs.readFileSync("SECURITY.md", "utf8")));
  console.log("SECURITY.md: access matrix updated.");
} else {
  console.log(accessMatrixMarkdown());
}
