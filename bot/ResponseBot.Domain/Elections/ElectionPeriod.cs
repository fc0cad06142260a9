using NodaTime;

namespace ResponseBot.Domain.Elections;

/// <summary>
/// A pre-election period ("purdah"): from <see cref="From"/> to <see cref="To"/>, both inclusive and in the organisation's zone,
/// every reply from the accounts it covers needs a manager and holding replies turn neutral. <see cref="Accounts"/> empty means
/// every account. <see cref="Id"/> null: set in configuration, so it can't be changed from Teams.
/// </summary>
public sealed record ElectionPeriod(long? Id, string Name, LocalDate From, LocalDate To, IReadOnlyList<string> Accounts)
{
    public bool Configured => Id is null;

    public bool AllAccounts => Accounts.Count == 0;

    public bool Covers(string accountId, LocalDate day) =>
        day >= From && day <= To && (AllAccounts || Accounts.Contains(accountId, StringComparer.OrdinalIgnoreCase));

    public bool IsOver(LocalDate today) => To < today;

    /// <summary>Why a reply needs a manager: the period named, so the officer knows which election it is.</summary>
    public string Reason => Name.Length == 0 ? BaseReason : $"{BaseReason} ({Name})";

    public const string BaseReason = "it is the pre-election period";
}
