using System.ComponentModel.DataAnnotations;
using Microsoft.IdentityModel.Tokens;
using ResponseBot.Teams.Auth;

namespace ResponseBot.Teams;

public enum BotAuthenticationMode
{
    /// <summary>Bot Framework JWTs on every inbound request; client-credential tokens outbound.</summary>
    BotFramework,
    /// <summary>No inbound or outbound auth: only for a local Teams stand-in. Refused outside Development.</summary>
    None,
}

public sealed class BotOptions
{
    public const string Section = "Bot";

    public BotAuthenticationMode Authentication { get; set; } = BotAuthenticationMode.BotFramework;

    /// <summary>Public, GCC, GCCHigh or DoD: picks issuer, metadata, token authority, scope and Teams hosts.</summary>
    public BotCloudName Cloud { get; set; } = BotCloudName.Public;

    /// <summary>The Azure Bot's Microsoft App ID: the audience of inbound tokens and the client id outbound.</summary>
    public string? AppId { get; set; }

    /// <summary>The Entra tenant of the (single-tenant) app registration.</summary>
    public string? TenantId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>A PKCS#12 file with the app's certificate and private key, instead of a secret.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Overrides the cloud's OpenID metadata URL (tests point it at a local server).</summary>
    public Uri? OpenIdMetadataUrl { get; set; }

    /// <summary>
    /// How soon after a key refresh a token the keys can't verify (an unknown key id) may force another: limits forged-kid
    /// floods. At least a second, the least Microsoft.IdentityModel allows.
    /// </summary>
    public TimeSpan MinKeyRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Entra tenant ids whose users may use this bot. Anyone with the app package can install it.</summary>
    public string[] AllowedTenants { get; set; } = [];

    /// <summary>In-process retries of a throttled or failed connector call before it goes back to the outbox.</summary>
    [Range(0, 10)]
    public int ConnectorRetries { get; set; } = 3;

    public TimeSpan ConnectorRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A Retry-After longer than this is left to the outbox rather than waited out in-process.</summary>
    public TimeSpan ConnectorMaxRetryDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The longest a send waits in-process for Teams' budget; beyond it the message goes back to the outbox, due when the
    /// budget allows, so a busy conversation never holds a worker.
    /// </summary>
    public TimeSpan MaxPacingWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How much longer than Teams' windows ours are counted, as a share of the window (0.3: 60 calls in any 39 s); never less
    /// than <see cref="PacingSlack"/>. A call held up between its reservation and Teams' count still lands inside the limit.
    /// </summary>
    [Range(0.0, 2.0)]
    public double PacingMargin { get; set; } = 0.3;

    /// <summary>
    /// The least by which Teams' windows are counted longer: a call held up by up to this much (on the network, in a busy
    /// sender, at Teams' edge) still lands inside the limit. Such delays are a fixed time, not a share of the window, and
    /// on a short window the share is too little: Teams' second is counted as two.
    /// </summary>
    public TimeSpan PacingSlack { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Activities are small; anything bigger is refused before it is parsed.</summary>
    [Range(1024, 4 * 1024 * 1024)]
    public int MaxActivityBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Activities handled at once by this instance (see <see cref="Inbound.ActivityGate"/>). About twice the database's
    /// cores, shared between the instances using it: on one database core (the benchmark's click phase alone), an Approve
    /// click cost PostgreSQL about a quarter less CPU taken six at a time than sixteen at once.
    /// </summary>
    [Range(1, 1024)]
    public int MaxConcurrentActivities { get; set; } = 6;

    /// <summary>Activities waiting for a turn, at most; beyond it Teams is answered 503 with Retry-After and sends again.</summary>
    [Range(0, 100_000)]
    public int MaxQueuedActivities { get; set; } = 1_000;

    public BotCloud CloudSettings => BotCloud.For(Cloud);

    public IEnumerable<string> Problems(bool development)
    {
        if (Authentication == BotAuthenticationMode.None && !development)
            yield return "Bot:Authentication=None turns off authentication and is only allowed in the Development environment.";
        if (AllowedTenants.Length == 0 && !development)
            yield return "Bot:AllowedTenants is empty: list the Entra tenant ids allowed to use this bot.";
        if (PacingSlack < TimeSpan.Zero || PacingSlack > TimeSpan.FromSeconds(10))
            yield return "Bot:PacingSlack must be between 00:00:00 and 00:00:10.";
        if (Authentication != BotAuthenticationMode.BotFramework) yield break;
        if (string.IsNullOrWhiteSpace(AppId)) yield return "Bot:AppId is required (the Azure Bot's Microsoft App ID).";
        if (string.IsNullOrWhiteSpace(TenantId)) yield return "Bot:TenantId is required (single-tenant app registration).";
        var secret = !string.IsNullOrEmpty(ClientSecret);
        var certificate = !string.IsNullOrEmpty(CertificatePath);
        if (secret == certificate) yield return "Set exactly one of Bot:ClientSecret and Bot:CertificatePath.";
        if (certificate && !File.Exists(CertificatePath)) yield return $"Bot:CertificatePath {CertificatePath} does not exist.";
        if (MinKeyRefreshInterval < BaseConfigurationManager.MinimumRefreshInterval)
            yield return $"Bot:MinKeyRefreshInterval must be at least {BaseConfigurationManager.MinimumRefreshInterval}.";
    }
}
