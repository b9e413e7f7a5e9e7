"""Push the morning brief to the team's chat and mail: channels (:mod:`.channels`), each
vendor's documented payload and signature (:mod:`.payloads`), sending with retries and the
once-per-day log (:mod:`.send`)."""
