"""Reading a hostile file in tests: a refusal, never a hang."""

import threading


def refusal(read, path, refused: type[Exception]) -> str:
    """The message of ``refused`` that ``read(path)`` raises ("read" if it read the file), in a
    thread, so that a read that blocks (a named pipe) fails the test instead of hanging it."""
    outcome = {}

    def target():
        try:
            read(path)
            outcome["message"] = "read"
        except refused as error:
            outcome["message"] = str(error)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), f"reading {path} blocked"
    return outcome["message"]
