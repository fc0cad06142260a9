using ResponseBot.Application.Chat;
using ResponseBot.Teams.Inbound;
using static ResponseBot.Application.Chat.StaffCommands;

namespace ResponseBot.Tests.Unit;

public sealed class StaffCommandsTests
{
    [Theory]
    [InlineData("on call", Command.OnCall)]
    [InlineData("  On   Call. ", Command.OnCall)]
    [InlineData("ONCALL", Command.OnCall)]
    [InlineData("off call", Command.OffCall)]
    [InlineData("Off-call!", Command.OffCall)]
    [InlineData("Who's on call?", Command.WhoIsOnCall)]
    [InlineData("who is on call", Command.WhoIsOnCall)]
    [InlineData("Rota", Command.Rota)]
    [InlineData("Cover me!", Command.CoverMe)]
    [InlineData("Calendar", Command.Calendar)]
    [InlineData("report", Command.Report)]
    [InlineData("Report week", Command.Report)]
    [InlineData("report 2026-11-01 2026-11-30", Command.Report)]
    [InlineData("rota report", Command.RotaReport)]
    [InlineData("Rota report last month.", Command.RotaReport)]
    [InlineData("reporter", Command.Help)]
    [InlineData("on call please now", Command.Help)]
    [InlineData("", Command.Help)]
    public void Commands_are_recognised_loosely_but_not_guessed(string text, Command expected) =>
        Assert.Equal(expected, Parse(text));

    [Fact]
    public void The_bots_own_mention_is_stripped_before_parsing()
    {
        Assert.Equal(Command.OnCall, Parse(ActivityMapper.CleanText("<at>ResponseBot</at> on call")));
        Assert.Equal(Command.OffCall, Parse(ActivityMapper.CleanText("off call <AT id=\"0\">Response Bot</AT>")));
    }
}

public sealed class WelcomeTests
{
    [Theory]
    [InlineData("Alex Wilber", "Hi Alex Wilber, I'm ResponseBot.")]
    [InlineData("", "Hi, I'm ResponseBot.")]
    public void The_welcome_uses_the_name_only_when_Teams_sent_one(string name, string start) =>
        Assert.StartsWith(start, StaffCommands.Welcome(name));
}
