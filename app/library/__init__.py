"""The document library: upload checks, catalogue edits, and the job queue that ingests changes."""
