namespace ResponseBot.Domain.Accounts;

/// <summary>Where a mention came from and where its reply is posted.</summary>
public enum Platform
{
    Generic,
    X,
    Facebook,
    Bluesky,
    Mastodon,
}

public static class PlatformFacts
{
    // The platforms' own reply limits; a generic receiver has none, so we pick one that
    // keeps a reply readable on a phone and well inside Teams' card size budget.
    public static int ReplyLimit(Platform platform) => platform switch
    {
        Platform.X => 280,
        Platform.Bluesky => 300,
        Platform.Mastodon => 500,
        Platform.Facebook => 8000,
        _ => 2000,
    };

    /// <summary>Whether the platform lets an account hide a reply to it (Facebook comments, X replies); Bluesky and Mastodon don't.</summary>
    public static bool CanHide(Platform platform) => platform is Platform.Facebook or Platform.X;

    public static string DisplayName(Platform platform) => platform switch
    {
        Platform.Generic => "webhook",
        _ => platform.ToString(),
    };
}
