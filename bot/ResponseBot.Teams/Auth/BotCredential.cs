using System.Security.Cryptography.X509Certificates;

namespace ResponseBot.Teams.Auth;

/// <summary>How the bot proves itself to Entra: a client secret or an X.509 certificate.</summary>
public abstract record BotCredential
{
    public sealed record Secret(string Value) : BotCredential;

    public sealed record Certificate(X509Certificate2 Value) : BotCredential;
}
