namespace ResponseBot.Host.Demo;

/// <summary>
/// <c>Demo:*</c> — the local demonstration (<c>./run.sh</c>): a stand-in reply receiver and a feed of sample mentions. Both
/// only in Development; a production host refuses to start with either on.
/// </summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Serve /demo/replies: what the demo account's replies would have posted.</summary>
    public bool ReplyReceiver { get; set; }

    /// <summary>Post the shipped sample mentions through the signed webhook, so a newcomer sees cards with nobody typing.</summary>
    public bool Feed { get; set; }

    /// <summary>The account the sample mentions are for; its webhook secret signs them.</summary>
    public string FeedAccount { get; set; } = "demo";

    /// <summary>How long after start the first sample arrives.</summary>
    public TimeSpan FeedFirstDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The gap between samples (a storm's near-duplicates come faster, as storms do).</summary>
    public TimeSpan FeedInterval { get; set; } = TimeSpan.FromSeconds(20);
}
