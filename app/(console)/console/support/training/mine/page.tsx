import { Notice } from "@/components/teacher/notice";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { requirePageAccess } from "@/lib/auth/access";
import { TRAINING_WAY_LABELS, type TrainingWay } from "@/lib/domain/support-records";
import { loadOwnTraining } from "@/lib/services/support-records";

export const metadata = { title: "我的培训记录" };

export default async function MyTrainingPage() {
  const { user } = await requirePageAccess("training.view_own");
  const r = await loadOwnTraining(user);
  if (!r.ok) return <Notice kind="error">{r.message}</Notice>;
  return (
    <>
      <h1 className="text-xl font-semibold">我的培训记录</h1>
      <p className="text-sm text-slate-600">主管部门登记的、您参加过的资助系统培训。</p>
      {r.data.length === 0 ? (
        <p className="text-sm text-slate-600">还没有您的培训记录。</p>
      ) : (
        <DataTable columns={["日期", "主题", "方式", "培训人", "区域"]}>
          {r.data.map((row) => (
            <Tr key={row.id}>
              <Td>{row.day.toISOString().slice(0, 10)}</Td>
              <Td>{row.topic}</Td>
              <Td>{TRAINING_WAY_LABELS[row.way as TrainingWay] ?? row.way}</Td>
              <Td>{row.trainer}</Td>
              <Td>{row.regionName}</Td>
            </Tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
