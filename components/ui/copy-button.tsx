"use client";
import { useState } from "react";
import { Button } from "./button";

/** Copies text to the clipboard, with a fallback for pages served over plain HTTP. */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const area = document.createElement("textarea");
      area.value = text;
      document.body.appendChild(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <Button size="xs" onClick={() => void copy()}>
      {copied ? "Copied" : label}
    </Button>
  );
}
