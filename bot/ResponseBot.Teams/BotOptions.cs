using System.ComponentModel.DataAnnotations;

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

    /// <summary>The Azure Bot's Microsoft App ID: the audience of inbound tokens.</summary>
    public string? AppId { get; set; }

    /// <summary>Entra tenant ids whose users may use this bot. Anyone with the app package can install it.</summary>
    public string[] AllowedTenants { get; set; } = [];

    /// <summary>Activities are small; anything bigger is refused before it is parsed.</summary>
    [Range(1024, 4 * 1024 * 1024)]
    public int MaxActivityBytes { get; set; } = 256 * 1024;
}
