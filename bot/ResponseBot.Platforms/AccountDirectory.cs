using Microsoft.Extensions.Options;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Accounts;

namespace ResponseBot.Platforms;

public sealed class AccountDirectory(IOptions<AccountsOptions> options) : IAccountDirectory
{
    public Account? Find(string accountId) =>
        options.Value.TryGetValue(accountId, out var a)
            ? new Account(accountId, a.Platform, a.Handle, a.SuggestedReply) {
                DisplayName = a.DisplayName, RequiresApproval = a.RequiresApproval, LinkHosts = a.EffectiveLinkHosts(), HoldingReply = a.HoldingReply, HoldingReplyText = a.HoldingReplyText,
                SuggestedReplyCy = a.SuggestedReplyCy, HoldingReplyTextCy = a.HoldingReplyTextCy,
                SilentAfter = a.SilentAfter is { } silent ? NodaTime.Duration.FromTimeSpan(silent) : null,
            }
            : null;

    public AccountOptions? Settings(string accountId) => options.Value.GetValueOrDefault(accountId);

    public IReadOnlyList<string> Ids => options.Value.Keys.ToList();

    /// <summary>The id as configured (lookups ignore case; stored ids must not, or one mention could become two cases).</summary>
    public string? CanonicalId(string accountId) => options.Value.Keys.FirstOrDefault(k => string.Equals(k, accountId, StringComparison.OrdinalIgnoreCase));
}
