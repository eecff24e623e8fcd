"""The one exception a user of the corpus can meet, with a message that says what to fix."""


class CorpusError(ValueError):
    """Invalid corpus content, metadata or input file.

    The message names the file and the field and says what to change, so the command line can
    print it as one line without a traceback.
    """

    def __init__(self, message: str, *, path=None, field: str | None = None):
        self.path = path
        self.field = field
        where = ": ".join(str(part) for part in (path, field) if part)
        super().__init__(f"{where}: {message}" if where else message)
