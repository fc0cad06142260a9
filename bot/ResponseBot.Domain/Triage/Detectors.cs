namespace ResponseBot.Domain.Triage;

/// <summary>What a rule's detectors look at: the normalised text, who wrote it and where.</summary>
public sealed record TriageInput(string Text, string? AuthorHandle = null, string? AccountId = null, string? PlatformName = null);

/// <summary>The built-in detectors a rule can name: things a word list can't find.</summary>
public static class Detectors
{
    public const string UkPhone = "uk-phone";
    public const string Email = "email";
    public const string Address = "address";
    public const string VehicleRegistration = "vehicle-registration";
    public const string NhsNumber = "nhs-number";
    /// <summary>The author is one of the journalists' accounts in <see cref="TriageSettings.MediaAccounts"/>.</summary>
    public const string MediaAccount = "media-account";

    public static readonly IReadOnlyList<string> Names = [UkPhone, Email, Address, VehicleRegistration, NhsNumber, MediaAccount];

    public static bool Finds(string detector, TriageInput input, TriageSettings settings) => detector switch
    {
        UkPhone => PersonalData.HasUkPhone(input.Text),
        Email => PersonalData.HasEmail(input.Text),
        Address => PersonalData.HasAddress(input.Text),
        VehicleRegistration => PersonalData.HasVehicleRegistration(input.Text),
        NhsNumber => PersonalData.HasNhsNumber(input.Text),
        MediaAccount => settings.IsMediaAccount(input),
        _ => false,
    };
}
