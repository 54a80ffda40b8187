export * from "./columns";
export * from "./rows";
export * from "./sheet";
export * from "./validate";
