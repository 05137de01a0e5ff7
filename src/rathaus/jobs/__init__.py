"""Background work.  For now: periodic maintenance in the server process
(the embedded default); a durable job queue comes with text extraction."""
