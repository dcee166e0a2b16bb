"""The one base class for errors a user can cause (bad file, stale index,
missing model, empty question). The CLI prints their message as one line;
anything else is a bug and keeps its traceback."""


class AssistantError(Exception):
    pass
