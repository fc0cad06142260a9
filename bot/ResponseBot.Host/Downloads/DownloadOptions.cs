using System.ComponentModel.DataAnnotations;

namespace ResponseBot.Host.Downloads;

/// <summary><c>Downloads:*</c> — short-lived links to files the bot makes for someone (a report's CSV).</summary>
public sealed class DownloadOptions
{
    public const string Section = "Downloads";

    /// <summary>The bot's public base URL that links start with; unset, <c>Calendar:PublicBaseUrl</c>; neither: no links.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long a link works once it is sent.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Downloads:Expiry must be between 1 minute and 1 day.")]
    public TimeSpan Expiry { get; set; } = TimeSpan.FromMinutes(15);

    public bool IsValid(string? fallbackBaseUrl) => BaseUrl(fallbackBaseUrl) is not { } url
        || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.Query == "" && uri.Fragment == "");

    public string? BaseUrl(string? fallbackBaseUrl) => string.IsNullOrWhiteSpace(PublicBaseUrl) ? NullIfBlank(fallbackBaseUrl) : PublicBaseUrl;

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
