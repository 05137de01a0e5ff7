"""Benchmarks of Rathaus at municipal scale (issue 5); see docs/benchmarks.md."""
