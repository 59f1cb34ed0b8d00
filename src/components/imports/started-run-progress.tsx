import { ImportProgress } from "./import-progress";
import { StartedRun } from "./started-run";

type StartedRunProgressProps = {
  runId: string;
  /** Defaults to StartedRun's "Your import". */
  title?: string;
  onFinished: () => void;
};

/** Under a form, the live progress of the run it just started; a new run starts a fresh ImportProgress. */
export function StartedRunProgress({ runId, title, onFinished }: StartedRunProgressProps) {
  return (
    <StartedRun title={title}>
      <ImportProgress key={runId} runId={runId} onFinished={onFinished} />
    </StartedRun>
  );
}
