/**
 * Local ESLint rule: no one-letter names for variables, functions and parameters.
 *
 * A one-letter local (`c`, `p`, `r`) means something different in every file; a reader has to find its
 * declaration to know what it holds. Allowed: `_` (a value deliberately unused), type parameters (`T`), and
 * the parameters of a tiny arrow function whose body is a single expression spanning at most
 * `maxLambdaLines` lines (`rows.map((r) => r.id)`), where the name's whole life is in view.
 *
 * ESLint's own `id-length` cannot tell such a lambda from any other function, hence this rule.
 */

/** @param {import("estree").Node | null | undefined} node @param {(id: any) => void} report */
function eachBindingIdentifier(node, report) {
  if (!node) return;
  switch (node.type) {
    case "Identifier":
      report(node);
      return;
    case "ObjectPattern":
      for (const property of node.properties) {
        eachBindingIdentifier(property.type === "RestElement" ? property : property.value, report);
      }
      return;
    case "ArrayPattern":
      for (const element of node.elements) eachBindingIdentifier(element, report);
      return;
    case "RestElement":
      eachBindingIdentifier(node.argument, report);
      return;
    case "AssignmentPattern":
      eachBindingIdentifier(node.left, report);
      return;
    // TypeScript constructor parameter properties: `constructor(private readonly x: X)`.
    case "TSParameterProperty":
      eachBindingIdentifier(node.parameter, report);
      return;
    default:
      return;
  }
}

/** @type {import("eslint").Rule.RuleModule} */
const rule = {
  meta: {
    type: "suggestion",
    docs: {
      description:
        "Disallow one-letter variable, function and parameter names, except in tiny expression-bodied arrow functions",
    },
    schema: [
      {
        type: "object",
        properties: {
          maxLambdaLines: { type: "integer", minimum: 1 },
          allow: { type: "array", items: { type: "string" } },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      oneLetter:
        "'{{name}}' is a one-letter {{kind}}: name it for what it holds (ctx, input, result, row, tx…).",
    },
  },
  create(context) {
    const options = context.options[0] ?? {};
    const maxLambdaLines = options.maxLambdaLines ?? 3;
    const allowed = new Set(options.allow ?? ["_"]);

    /** @param {string} kind */
    const checker = (kind) => (/** @type {any} */ identifier) => {
      if (identifier.name.length === 1 && !allowed.has(identifier.name)) {
        context.report({ node: identifier, messageId: "oneLetter", data: { name: identifier.name, kind } });
      }
    };
    const checkVariable = checker("variable");
    const checkFunction = checker("function name");
    const checkParameter = checker("parameter");

    /** @param {any} fn */
    const isTinyLambda = (fn) =>
      fn.type === "ArrowFunctionExpression" &&
      fn.body.type !== "BlockStatement" &&
      fn.loc.end.line - fn.loc.start.line + 1 <= maxLambdaLines;

    /** @param {any} fn */
    const checkFunctionNode = (fn) => {
      if (fn.id) checkFunction(fn.id);
      if (isTinyLambda(fn)) return;
      for (const param of fn.params) eachBindingIdentifier(param, checkParameter);
    };

    return {
      VariableDeclarator: (node) => eachBindingIdentifier(node.id, checkVariable),
      FunctionDeclaration: checkFunctionNode,
      FunctionExpression: checkFunctionNode,
      ArrowFunctionExpression: checkFunctionNode,
      CatchClause: (node) => eachBindingIdentifier(node.param, checkVariable),
    };
  },
};

export default rule;
