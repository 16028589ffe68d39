// An on/off switch that is a real checkbox, so it is keyboard-operable and named by its label.
interface SwitchProps {
  label: string;
  checked: boolean;
  /** id of an element that describes the switch further. */
  describedBy?: string;
  onChange(checked: boolean): void;
}

export function Switch({ label, checked, describedBy, onChange }: SwitchProps) {
  return (
    <label class="pd-switch">
      <span class="pd-switch__label">{label}</span>
      <input
        type="checkbox"
        role="switch"
        checked={checked}
        aria-checked={checked}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />
    </label>
  );
}
