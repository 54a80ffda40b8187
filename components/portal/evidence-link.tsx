/** A link that opens one of the applicant's evidence files in a new tab (the route checks who may see it). */
export function EvidenceLink({ file }: { file: { id: string; originalName: string } }) {
  return (
    <a
      href={`/api/evidence/${file.id}`}
      target="_blank"
      rel="noopener noreferrer"
      className="text-brand-600 underline"
    >
      {file.originalName}
    </a>
  );
}
