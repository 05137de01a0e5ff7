"""Timing helpers and the machine facts every result carries."""
import datetime
import importlib.metadata
import os
import platform
import resource
import statistics
import subprocess
import sys
import time

from .env import ROOT

PACKAGES = ('substanced', 'pyramid', 'ZODB', 'BTrees', 'persistent',
            'hypatia', 'waitress', 'WebOb', 'Chameleon', 'transaction')


def percentile(sorted_values, fraction):
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return None
    rank = max(1, int(-(-fraction * len(sorted_values) // 1)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def summarize(seconds, **extra):
    """Median, p95 and friends of ``seconds`` (a list of durations), in ms."""
    values = sorted(seconds)
    ms = lambda v: None if v is None else round(v * 1000, 3)  # noqa: E731
    result = {
        'runs': len(values),
        'median_ms': ms(statistics.median(values)) if values else None,
        'p95_ms': ms(percentile(values, 0.95)),
        'min_ms': ms(values[0]) if values else None,
        'max_ms': ms(values[-1]) if values else None,
        'mean_ms': ms(statistics.fmean(values)) if values else None,
    }
    result.update(extra)
    return result


class Section:
    """Wall and CPU time of a block plus the machine load around it: the
    box is shared, and a run under load must be recognisable as such."""

    def __init__(self, name, log=print):
        self.name = name
        self.log = log
        self.info = {}

    def __enter__(self):
        self.log('== %s' % self.name)
        self._wall = time.perf_counter()
        self._cpu = time.process_time()
        self.info['load_before'] = round(os.getloadavg()[0], 2)
        return self

    def __exit__(self, *exc):
        self.info['wall_s'] = round(time.perf_counter() - self._wall, 2)
        self.info['cpu_s'] = round(time.process_time() - self._cpu, 2)
        self.info['load_after'] = round(os.getloadavg()[0], 2)
        self.log('   %s: %.1f s wall, %.1f s CPU, load %.2f -> %.2f' % (
            self.name, self.info['wall_s'], self.info['cpu_s'],
            self.info['load_before'], self.info['load_after']))
        return False


def peak_rss_mib():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _cpu_model():
    try:
        with open('/proc/cpuinfo', encoding='utf-8') as info:
            for line in info:
                if line.startswith('model name'):
                    return line.split(':', 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


def _memory_gib():
    try:
        with open('/proc/meminfo', encoding='utf-8') as info:
            for line in info:
                if line.startswith('MemTotal:'):
                    return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _git(*args):
    try:
        return subprocess.run(('git',) + args, cwd=ROOT, capture_output=True,
                              text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None


def machine_facts():
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    status = _git('status', '--porcelain', '--', 'src')
    return {
        'cores': os.cpu_count(),
        'cpu': _cpu_model(),
        'memory_gib': _memory_gib(),
        'os': platform.platform(),
        'python': sys.version.split()[0],
        'versions': versions,
        'git_commit': _git('rev-parse', '--short', 'HEAD'),
        # other engineers change src/ concurrently: say whether the
        # measured product had uncommitted changes
        'src_uncommitted_changes': bool(status) if status is not None
        else None,
        'load_average_at_start': [round(v, 2) for v in os.getloadavg()],
        'started': datetime.datetime.now(datetime.timezone.utc).isoformat(
            timespec='seconds'),
    }
