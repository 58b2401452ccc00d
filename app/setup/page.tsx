import { Suspense } from "react";
import { SetupWizard } from "@/components/setup/setup-wizard";
import { Loading } from "@/components/ui/state-views";

export const metadata = { title: "Setup" };

export default function SetupPage() {
  return (
    <Suspense fallback={<Loading what="Loading the wizard" />}>
      <SetupWizard />
    </Suspense>
  );
}
