using System.ComponentModel.DataAnnotations;

namespace ResponseBot.Host.Calendar;

/// <summary><c>Calendar:*</c> — the per-person feed of on-call shifts that staff subscribe to in Outlook.</summary>
public sealed class CalendarOptions
{
    public const string Section = "Calendar";

    /// <summary>The bot's public base URL (https in production), that feed links start with. Unset: no feed links.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How many days ahead a feed lists.</summary>
    [Range(1, 366)]
    public int Days { get; set; } = 56;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(PublicBaseUrl);

    public bool IsValid() => !IsEnabled
        || (Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.Query == "" && uri.Fragment == "");

    /// <summary>The subscription link for a feed token.</summary>
    public string FeedUrl(string token) => Settings.FeedUrl(token);

    public Application.CalendarSettings Settings => new(PublicBaseUrl, Days);
}
