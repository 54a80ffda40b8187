/** The Chinese messages the determination services answer with, and the actor their transitions record. */
import "server-only";
import type { SchoolContext } from "./context";

export const CONFLICT_MESSAGE = "该申请刚刚被他人处理，您的操作没有生效。请刷新页面查看最新状态。";
export const NOT_FOUND_MESSAGE = "未找到该申请，或您无权查看。";
export const NO_MODEL_MESSAGE = "没有可用的评分模型，请先设置认定模型。";

/** Who a recorded state transition names as its actor. */
export const transitionActor = (ctx: SchoolContext) => ({ userId: ctx.user.id, role: ctx.user.role });
