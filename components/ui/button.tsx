import type { ComponentProps } from "react";

const variants = {
  primary: "bg-indigo-600 font-medium text-on-accent hover:bg-indigo-700",
  secondary: "border border-slate-300 bg-white font-medium text-slate-700 hover:bg-slate-100",
  danger: "bg-red-600 font-medium text-on-accent hover:bg-red-700",
  "danger-outline": "border border-red-300 bg-white font-medium text-red-700 hover:bg-red-50",
  ghost: "text-slate-600 hover:bg-slate-100",
  link: "text-indigo-700 hover:underline",
  muted: "text-slate-500 hover:text-slate-900",
} as const;

const sizes = { xs: "px-2 py-1 text-xs", sm: "px-3 py-1.5 text-sm", md: "px-4 py-2 text-sm" };

export type ButtonVariant = keyof typeof variants;

/** The one button: a variant, a size, and everything a <button> takes (type defaults to button). */
export function Button({
  variant = "secondary",
  size = "sm",
  className = "",
  type = "button",
  ...props
}: ComponentProps<"button"> & {
  variant?: ButtonVariant;
  size?: keyof typeof sizes;
}) {
  const box = variant === "link" || variant === "muted" ? "" : `rounded ${sizes[size]}`;
  return (
    <button
      type={type}
      className={`${box} ${variants[variant]} disabled:cursor-not-allowed disabled:opacity-60 ${className}`}
      {...props}
    />
  );
}
