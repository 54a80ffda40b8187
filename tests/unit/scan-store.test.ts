import { describe, expect, it } from "vitest";
import { sniffScanType } from "@/lib/storage/scan-store";

describe("sniffScanType", () => {
  it("recognises JPEG, PNG and PDF by their first bytes", () => {
    expect(sniffScanType(new Uint8Array([0xff, 0xd8, 0xff, 0xe1]))).toBe("image/jpeg");
    expect(sniffScanType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d]))).toBe("image/png");
    expect(sniffScanType(new TextEncoder().encode("%PDF-1.7"))).toBe("application/pdf");
  });
  it("refuses anything else, whatever the name says", () => {
    expect(sniffScanType(new Uint8Array([0x4d, 0x5a]))).toBeNull(); // .exe
    expect(sniffScanType(new TextEncoder().encode("GIF89a"))).toBeNull();
    expect(sniffScanType(new Uint8Array([]))).toBeNull();
  });
});
