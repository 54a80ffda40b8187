/**
 * An application's evidence files for the staff who review it (class teacher, school admin, leader):
 * images as thumbnails, PDFs as links, each with its purpose in Chinese. Every file is served by
 * /api/evidence/<id>, which checks the viewer's scope and writes an "evidence.viewed" audit entry
 * for staff (lib/services/evidence.ts), thumbnails included.
 */
import { evidencePurposeLabel } from "@/lib/domain/codes";

import { formatBeijingDateTime } from "@/lib/domain/time";

export type EvidenceView = {
  id: string;
  purpose: string;
  originalName: string;
  mimeType: string;
  sizeBytes: number;
  createdAt: Date;
};

const size = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;

export const purposeLabel = (purpose: string) => evidencePurposeLabel(purpose);

export function EvidenceGallery({ files }: { files: EvidenceView[] }) {
  if (files.length === 0) return <p className="text-sm text-slate-500">申请人未上传佐证材料。</p>;
  return (
    <>
      <p className="text-xs text-slate-500">点击缩略图或文件名查看原件；查看记录会写入审计日志。</p>
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3" data-testid="evidence-list">
        {files.map((f) => {
          const href = `/api/evidence/${f.id}`;
          const label = `${purposeLabel(f.purpose)}：${f.originalName}`;
          return (
            <li key={f.id} className="space-y-1 text-xs">
              <a href={href} target="_blank" rel="noreferrer" className="block" aria-label={`查看 ${label}`}>
                {f.mimeType.startsWith("image/") ? (
                  // eslint-disable-next-line @next/next/no-img-element -- served by the authorised route, not next/image
                  <img
                    src={href}
                    alt={label}
                    loading="lazy"
                    className="h-28 w-full rounded border border-slate-200 object-cover"
                  />
                ) : (
                  <span className="flex h-28 w-full items-center justify-center rounded border border-slate-200 bg-slate-50 text-base font-semibold text-slate-600">
                    PDF
                  </span>
                )}
              </a>
              <p className="font-medium text-slate-800">{purposeLabel(f.purpose)}</p>
              <p className="break-all text-slate-600">
                {f.originalName}（{size(f.sizeBytes)}，{formatBeijingDateTime(f.createdAt)}）
              </p>
            </li>
          );
        })}
      </ul>
    </>
  );
}
