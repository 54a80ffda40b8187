export * from "./columns";
export * from "./rows";
export * from "./validate";
