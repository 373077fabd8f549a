using MudBlazor;

namespace CptKb.Web.Components.Layout;

/// <summary>
/// The app's MudBlazor theme: system fonts (nothing is fetched from elsewhere) and a calm blue palette. Every colour that
/// carries text meets WCAG AA (4.5:1) on the page and on its own filled background, in both modes: the light palette uses
/// darker shades than MudBlazor's defaults, the dark one light shades with dark text on them.
/// </summary>
public static class KbTheme
{
    private const string DarkText = "rgba(0,0,0,0.87)";

    private static readonly string[] SystemFonts =
        ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "Noto Sans", "Liberation Sans", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1565c0",
            Secondary = "#00796b",
            Success = "#2e7d32",
            Info = "#01579b",
            Warning = "#a84b00",
            Error = "#c62828",
            TextSecondary = "rgba(0,0,0,0.62)",
            AppbarBackground = "#0d47a1",
            Background = "#f7f9fc",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#90caf9",
            PrimaryContrastText = DarkText,
            Secondary = "#4db6ac",
            SecondaryContrastText = DarkText,
            Success = "#3dcb6c",
            SuccessContrastText = DarkText,
            Info = "#64b5f6",
            InfoContrastText = DarkText,
            Warning = "#ffb545",
            WarningContrastText = DarkText,
            Error = "#ff8a80",
            ErrorContrastText = DarkText,
            TextSecondary = "rgba(255,255,255,0.65)",
            AppbarBackground = "#1a2027",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = SystemFonts },
            H1 = new H1Typography { FontFamily = SystemFonts },
            H2 = new H2Typography { FontFamily = SystemFonts },
            H3 = new H3Typography { FontFamily = SystemFonts },
            H4 = new H4Typography { FontFamily = SystemFonts },
            H5 = new H5Typography { FontFamily = SystemFonts },
            H6 = new H6Typography { FontFamily = SystemFonts },
            Button = new ButtonTypography { FontFamily = SystemFonts },
            Body1 = new Body1Typography { FontFamily = SystemFonts },
            Body2 = new Body2Typography { FontFamily = SystemFonts },
            Subtitle1 = new Subtitle1Typography { FontFamily = SystemFonts },
            Subtitle2 = new Subtitle2Typography { FontFamily = SystemFonts },
            Caption = new CaptionTypography { FontFamily = SystemFonts },
            Overline = new OverlineTypography { FontFamily = SystemFonts },
        },
    };
}
