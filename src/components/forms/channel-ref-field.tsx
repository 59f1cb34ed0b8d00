import type { Ref } from "react";
import { TextField } from "~/components/ui/input";
import { MAX_REF_INPUT_LENGTH } from "~/lib/youtube/youtube-ref.schema";

/** The form's own check of a channel reference before sending it; the server parses the reference itself. */
export function channelRefProblem(channel: string): string | null {
  if (!channel.trim()) return "Enter a channel link, @handle or channel id.";
  if (channel.length > MAX_REF_INPUT_LENGTH) return "That's too long to be a YouTube channel link.";
  return null;
}

type ChannelRefFieldProps = {
  ref: Ref<HTMLInputElement>;
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  error: string | null;
  readOnly: boolean;
};

/** A YouTube channel as a link, @handle or UC… id, in a text field named "channel". */
export function ChannelRefField({ ref, label, placeholder, value, onChange, error, readOnly }: ChannelRefFieldProps) {
  return (
    <TextField
      ref={ref}
      label={label}
      name="channel"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      placeholder={placeholder}
      hint="A channel link, its @handle, or its id (starts with UC)."
      error={error}
      autoComplete="off"
      autoCapitalize="off"
      spellCheck={false}
      maxLength={MAX_REF_INPUT_LENGTH}
      readOnly={readOnly}
    />
  );
}
