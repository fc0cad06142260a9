using System.Text.RegularExpressions;

namespace ResponseBot.Domain.Triage;

/// <summary>
/// Personal details people post without thinking: UK phone numbers, e-mail addresses, a house number with its postcode, a
/// vehicle registration, an NHS number. Each reads the normalised (lower-case) text; each errs towards caution only where
/// a near miss costs nothing more than a manager's look.
/// </summary>
public static partial class PersonalData
{
    public static bool HasEmail(string text) => Email().IsMatch(text);

    /// <summary>A UK landline (01…, 02…) or mobile (07…), written with spaces, dashes, brackets or +44.</summary>
    public static bool HasUkPhone(string text)
    {
        foreach (Match m in PhoneCandidate().Matches(text))
        {
            var digits = new string(m.Value.Where(char.IsAsciiDigit).ToArray());
            if (digits.StartsWith("440", StringComparison.Ordinal)) digits = digits[2..];      // +44 (0)…
            else if (digits.StartsWith("44", StringComparison.Ordinal)) digits = "0" + digits[2..];
            if (digits.Length is 10 or 11 && (digits.StartsWith("07", StringComparison.Ordinal) ? digits.Length == 11 : digits[1] is '1' or '2'))
                return true;
        }
        return false;
    }

    /// <summary>A postcode with a house number before it ("14 Mill Lane, AB1 2CD"): someone's address. A postcode alone
    /// names a few streets, not a home, and is how people say where the bins weren't collected.</summary>
    public static bool HasAddress(string text) => Address().IsMatch(text);

    /// <summary>A current-format registration: two letters, two digits, three letters ("AB12 CDE").</summary>
    public static bool HasVehicleRegistration(string text) => Registration().IsMatch(text);

    /// <summary>Ten digits (3-3-4, spaced or not) passing the NHS Modulus 11 check, so most other ten-digit numbers don't count.</summary>
    public static bool HasNhsNumber(string text) =>
        NhsCandidate().Matches(text).Any(m => IsNhsNumber(new string(m.Value.Where(char.IsAsciiDigit).ToArray())));

    public static bool IsNhsNumber(string digits)
    {
        if (digits.Length != 10 || !digits.All(char.IsAsciiDigit)) return false;
        var sum = 0;
        for (var i = 0; i < 9; i++) sum += (digits[i] - '0') * (10 - i);
        var check = 11 - sum % 11;
        if (check == 11) check = 0;
        return check != 10 && check == digits[9] - '0';
    }

    [GeneratedRegex(@"[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex Email();

    // From +44 or a leading 0, then digits with the separators people use; the digit count decides.
    [GeneratedRegex(@"(?<![\w+])(?:\+\s?44\s?(?:\(0\)\s?)?|\(?0)\d[\d\s\-()]{7,14}\d(?!\d)")]
    private static partial Regex PhoneCandidate();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])\d{1,4}[a-z]?,?\s+[\p{L}'\-., ]{2,60}?\s[a-z]{1,2}\d[a-z\d]?\s?\d[a-z]{2}(?![\p{L}\p{N}])")]
    private static partial Regex Address();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])[a-z]{2}\d{2}\s?[a-z]{3}(?![\p{L}\p{N}])")]
    private static partial Regex Registration();

    [GeneratedRegex(@"(?<![\d])\d{3}[\s-]?\d{3}[\s-]?\d{4}(?!\d)")]
    private static partial Regex NhsCandidate();
}
