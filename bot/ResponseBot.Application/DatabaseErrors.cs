using System.Data.Common;

namespace ResponseBot.Application;

internal static class DatabaseErrors
{
    /// <summary>The database couldn't be reached (or answered too late): trying the same work again later may succeed, and
    /// trying it in smaller pieces now won't.</summary>
    public static bool Unreachable(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
            if (e is DbException { IsTransient: true } or TimeoutException) return true;
        return false;
    }
}
