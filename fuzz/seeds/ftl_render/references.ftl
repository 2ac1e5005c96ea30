-brand = Terror
-brand-short = { -brand }
greeting = Hello, { $name }, from { -brand-short }!
    .title = { -brand } says hi
    .hint = See { greeting.title }
farewell = { greeting } Bye { "{" }literal{ "}" }.
