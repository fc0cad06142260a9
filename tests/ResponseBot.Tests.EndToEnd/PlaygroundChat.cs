using Microsoft.Playwright;
using ResponseBot.Testing;

namespace ResponseBot.Tests.EndToEnd;

/// <summary>The Personal Chat in the Agents Playground's web UI, as a person would use it.</summary>
public sealed class PlaygroundChat(IPage page, string artifacts)
{
    public IPage Page { get; } = page;

    public static async Task<PlaygroundChat> OpenAsync(IBrowser browser, Uri playground, string testName)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        page.SetDefaultTimeout(20_000);
        // The playground's first page load serves its whole web app: on a loaded 2-core machine that alone has taken over
        // 20 s. Loading is not what these tests measure, so it gets longer; every step after it keeps the 20 s.
        await page.GotoAsync(playground.ToString(), new PageGotoOptions { Timeout = 90_000 });
        await page.Locator("[role=\"treeitem\"][aria-label=\"Personal Chat\"]").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        await page.Locator("[role=\"treeitem\"][aria-label=\"Personal Chat\"]").ClickAsync();
        await page.Locator("[role=\"textbox\"][data-lexical-editor=\"true\"]").WaitForAsync();
        return new PlaygroundChat(page, Path.Combine(RepoPaths.Artifacts("e2e"), testName));
    }

    /// <summary>Switches to a team channel in the left rail (the playground's "Teams Channel" section).</summary>
    public async Task OpenChannelAsync(string name)
    {
        await Page.GetByRole(AriaRole.Treeitem).Filter(new LocatorFilterOptions { HasText = name }).First.ClickAsync();
    }

    public async Task SayAsync(string text)
    {
        var composer = Page.Locator("[role=\"textbox\"][data-lexical-editor=\"true\"]");
        await composer.ClickAsync();
        await composer.PressSequentiallyAsync(text);
        await composer.PressAsync("Enter");
    }

    public Task WaitForTextAsync(string text) => Page.GetByText(text).First.WaitForAsync();

    /// <summary>The newest rendered Adaptive Card containing <paramref name="text"/>.</summary>
    public async Task<ILocator> CardAsync(string text)
    {
        var card = Page.Locator(".ac-adaptiveCard").Filter(new LocatorFilterOptions { HasText = text }).Last;
        await card.WaitForAsync();
        return card;
    }

    public Task ScreenshotAsync(string step) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = $"{artifacts}-{step}.png", FullPage = true });
}
