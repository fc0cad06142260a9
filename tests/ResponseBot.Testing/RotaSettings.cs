namespace ResponseBot.Testing;

/// <summary>Rota configuration for test hosts, as the <c>Rota:*</c> settings a deployment would set.</summary>
public static class RotaSettings
{
    /// <summary>The primary participants take alternate nights (17:00 handoff) from <paramref name="startDate"/>; one manager throughout.</summary>
    public static void Nightly(IDictionary<string, string?> settings, string startDate, string[] primary, string manager)
    {
        for (var i = 0; i < primary.Length; i++)
            settings[$"Rota:Layers:Primary:Participants:{i}"] = primary[i];
        settings["Rota:Layers:Primary:StartDate"] = startDate;
        settings["Rota:Layers:Primary:Handoff"] = "17:00";
        settings["Rota:Layers:Primary:ShiftDays"] = "1";
        settings["Rota:Layers:Manager:Participants:0"] = manager;
    }
}
