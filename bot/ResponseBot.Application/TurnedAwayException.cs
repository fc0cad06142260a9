namespace ResponseBot.Application;

/// <summary>
/// Work not taken (a queue full, the bot stopping) before anything of it was kept: the sender is answered 503 with
/// Retry-After and sends it again, to this instance or another.
/// </summary>
public class TurnedAwayException(string reason) : Exception(reason);
