"""Running test work in real threads."""
import threading


def in_threads(count, work, timeout=120):
    """Run ``work(i)`` in ``count`` threads released at the same moment;
    returns the results in order (an exception is re-raised)."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(i):
        barrier.wait()
        try:
            results[i] = work(i)
        except BaseException as exc:   # re-raised below
            results[i] = exc
    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results
