import { useEffect, useRef, useState, type RefObject } from 'react';

/**
 * After a submit that failed, the cursor goes to the first field in error (Mantine marks it
 * aria-invalid), so the owner reads why and types there. Returns the form's ref and what to call
 * once the errors are set.
 */
export function useFocusFirstError(): { formRef: RefObject<HTMLFormElement | null>; failed: () => void } {
  const formRef = useRef<HTMLFormElement>(null);
  const [failures, setFailures] = useState(0);
  useEffect(() => {
    if (failures) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [failures]);
  return { formRef, failed: () => setFailures((n) => n + 1) };
}
