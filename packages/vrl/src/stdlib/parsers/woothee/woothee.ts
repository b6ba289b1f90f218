import { VrlRegex } from '../../../value/regex.js';
import { DATASET, type WootheeEntry } from './dataset.js';

/**
 * A port of woothee-rust 0.13.0's parser (src/parser.rs; Apache License 2.0, copyright Hideo
 * Hattori and the woothee authors), the `fast` parser of VRL's `parse_user_agent`: its checks in
 * their order, the fields each one sets (some set fields and still give up), its regexes through
 * the linear-time engine.
 */

export const UNKNOWN = 'UNKNOWN';

export interface WootheeResult {
  name: string;
  category: string;
  os: string;
  osVersion: string;
  version: string;
}

const lazy = (pattern: string): (() => VrlRegex) => {
  let compiled: VrlRegex | undefined;
  return () => {
    compiled ??= VrlRegex.compile(pattern);
    return compiled;
  };
};

const RX = {
  chrome: lazy(`(?:Chrome|CrMo|CriOS)/([.0-9]+)`),
  docomoVersion: lazy(`DoCoMo/[.0-9]+[ /]([^- /;()"']+)`),
  vivaldi: lazy(`Vivaldi/([.0-9]+)`),
  firefox: lazy(`Firefox/([.0-9]+)`),
  firefoxOs: lazy(
    String.raw`^Mozilla/[.0-9]+ \((?:Mobile|Tablet);(?:.*;)? rv:([.0-9]+)\) Gecko/[.0-9]+ Firefox/[.0-9]+$`,
  ),
  firefoxIos: lazy(`FxiOS/([.0-9]+)`),
  fomaVersion: lazy(String.raw`\(([^;)]+);FOMA;`),
  jig: lazy(`jig browser[^;]+; ([^);]+)`),
  kddi: lazy(`KDDI-([^- /;()"']+)`),
  maybeRss: lazy(`(?i)rss(?:reader|bar|[-_ /;()]|[ +]*/)`),
  maybeCrawler: lazy(`(?i)(?:bot|crawler|spider)(?:[-_ ./;@()]|$)`),
  maybeFeedParser: lazy(`(?i)(?:feed|web) ?parser`),
  maybeWatchdog: lazy(`(?i)watch ?dog`),
  msEdge: lazy(`(?:Edge|Edg|EdgiOS|EdgA)/([.0-9]+)`),
  msie: lazy(`MSIE ([.0-9]+);`),
  operaVersion1: lazy(`Version/([.0-9]+)`),
  operaVersion2: lazy(`Opera[/ ]([.0-9]+)`),
  operaVersion3: lazy(`OPR/([.0-9]+)`),
  gsaVersion: lazy(`GSA/([.0-9]+)`),
  safari: lazy(`Version/([.0-9]+)`),
  softbank: lazy(`(?:SoftBank|Vodafone|J-PHONE)/[.0-9]+/([^ /;()]+)`),
  trident: lazy(`Trident/([.0-9]+);`),
  tridentVersion: lazy(` rv:([.0-9]+)`),
  ieMobile: lazy(`IEMobile/([.0-9]+);`),
  willcom: lazy(`(?:WILLCOM|DDIPOCKET);[^/]+/([^ /;()]+)`),
  windowsVersion: lazy(String.raw`Windows ([ .a-zA-Z0-9]+)[;\\)]`),
  winPhone: lazy(`^Phone(?: OS)? ([.0-9]+)`),
  webview: lazy(`iP(hone;|ad;|od) .*like Mac OS X`),
  webviewVersion: lazy(`Version/([.0-9]+)`),
  ppcOsVersion: lazy(String.raw`rv:(\d+\.\d+\.\d+)`),
  freebsdOsVersion: lazy(String.raw`FreeBSD ([^;\)]+);`),
  chromeosOsVersion: lazy(String.raw`CrOS ([^\)]+)\)`),
  androidOsVersion: lazy(String.raw`Android[- ](\d+(?:\.\d+(?:\.\d+)?)?)`),
  pspOsVersion: lazy(String.raw`PSP \(PlayStation Portable\); ([.0-9]+)\)`),
  ps3OsVersion: lazy(String.raw`PLAYSTATION 3;? ([.0-9]+)\)`),
  psvitaOsVersion: lazy(String.raw`PlayStation Vita ([.0-9]+)\)`),
  ps4OsVersion: lazy(String.raw`PlayStation 4 ([.0-9]+)\)`),
  blackberry10OsVersion: lazy(`BB10(?:.+)Version/([.0-9]+) `),
  blackberryOsVersion: lazy(String.raw`BlackBerry(?:\d+)/([.0-9]+) `),
  osxIphoneOsVersion: lazy(String.raw`; CPU(?: iPhone)? OS (\d+_\d+(?:_\d+)?) like Mac OS X`),
  osxOsVersion: lazy(String.raw`Mac OS X (10[._]\d+(?:[._]\d+)?)(?:\)|;)`),
  httpClient: lazy(`^(?:Apache-HttpClient/|Jakarta Commons-HttpClient/|Java/)`),
  httpClientOther: lazy(`[- ]HttpClient(/|$)`),
  php: lazy(`^(?:PHP|WordPress|CakePHP|PukiWiki|PECL::HTTP)(?:/| |$)`),
  pear: lazy(`(?:PEAR HTTP_Request|HTTP_Request)(?: class|2)`),
  maybeCrawlerOther: lazy(`(?:Rome Client |UnwindFetchor/|ia_archiver |Summify |PostRank/)`),
  samsungBrowser: lazy(`SamsungBrowser/([.0-9]+)`),
  sleipnirVersion: lazy(`Sleipnir/([.0-9]+)`),
  yaBrowserVersion: lazy(String.raw`YaBrowser/(\d+\.\d+\.\d+\.\d+)`),
};

type Pattern = keyof typeof RX;

/** The first group of the pattern's first match, or undefined when it does not match. */
function capture(pattern: Pattern, text: string): string | undefined {
  return RX[pattern]().captures(text)?.groups[1];
}

function matches(pattern: Pattern, text: string): boolean {
  return RX[pattern]().test(text);
}

function lookup(label: string): WootheeEntry | undefined {
  return DATASET.get(label);
}

class Parser {
  constructor(
    private readonly agent: string,
    private readonly result: WootheeResult,
  ) {}

  private has(text: string): boolean {
    return this.agent.includes(text);
  }

  /** `populate_with`: the entry's non-empty fields. */
  private populateWith(entry: WootheeEntry): void {
    if (entry.name !== '') this.result.name = entry.name;
    if (entry.category !== '') this.result.category = entry.category;
    if (entry.os !== '') this.result.os = entry.os;
  }

  private populate(label: string): boolean {
    const entry = lookup(label);
    if (entry === undefined) return false;
    this.populateWith(entry);
    return true;
  }

  parse(): boolean {
    return (
      this.tryCrawler() ||
      (this.tryBrowser() && (this.tryOs() || true)) ||
      this.tryMobilephone() ||
      this.tryAppliance() ||
      this.tryMisc() ||
      this.tryOs() ||
      this.tryRareCases()
    );
  }

  private tryCrawler(): boolean {
    return this.challengeGoogle() || this.challengeCrawlers();
  }

  private tryOs(): boolean {
    return (
      this.challengeWindows() ||
      this.challengeOsx() ||
      this.challengeLinux() ||
      this.challengeSmartphone() ||
      this.challengeMobilephone() ||
      this.challengeAppliance() ||
      this.challengeMiscOs()
    );
  }

  private tryBrowser(): boolean {
    return (
      this.challengeMsie() ||
      this.challengeMsEdge() ||
      this.challengeVersioned('vivaldi', 'Vivaldi') ||
      this.challengeVersioned('firefoxIos', 'Firefox') ||
      this.challengeYandexBrowser() ||
      this.challengeSamsung() ||
      this.challengeSafariChrome() ||
      this.challengeFirefox() ||
      this.challengeOpera() ||
      this.challengeWebview()
    );
  }

  private tryMobilephone(): boolean {
    return (
      this.challengeCarrier(['DoCoMo', ';FOMA;'], 'docomo', () => {
        return capture('docomoVersion', this.agent) ?? capture('fomaVersion', this.agent);
      }) ||
      this.challengeCarrier(['KDDI-'], 'au', () => capture('kddi', this.agent)) ||
      this.challengeCarrier(['SoftBank', 'Vodafone', 'J-PHONE'], 'SoftBank', () =>
        capture('softbank', this.agent),
      ) ||
      this.challengeCarrier(['WILLCOM', 'DDIPOCKET'], 'willcom', () => capture('willcom', this.agent)) ||
      this.challengeMiscMobilephone()
    );
  }

  private tryAppliance(): boolean {
    return this.challengePlaystation() || this.challengeNintendo() || this.challengeDigitalTv();
  }

  private tryMisc(): boolean {
    return this.challengeDesktopTools();
  }

  private tryRareCases(): boolean {
    return (
      this.challengeSmartphonePatterns() ||
      this.challengeSleipnir() ||
      this.challengeHttpLibrary() ||
      this.challengeMaybeRssReader() ||
      this.challengeMaybeCrawler()
    );
  }

  private challengeGoogle(): boolean {
    const agent = this.agent;
    if (!this.has('Google')) return false;
    if (this.has('compatible; Googlebot')) {
      if (this.has('compatible; Googlebot-Mobile')) return this.populate('GoogleBotMobile');
      return this.populate('GoogleBot');
    }
    if (this.has('compatible; AdsBot-Google-Mobile;')) return this.populate('AdsBotGoogleMobile');
    if (agent.startsWith('AdsBot-Google')) return this.populate('AdsBotGoogle');
    if (this.has('Googlebot-Image/')) return this.populate('GoogleBot');
    if (
      this.has('Mediapartners-Google') &&
      (this.has('compatible; Mediapartners-Google') || agent === 'Mediapartners-Google')
    )
      return this.populate('GoogleMediaPartners');
    if (this.has('Feedfetcher-Google;')) return this.populate('GoogleFeedFetcher');
    if (this.has('AppEngine-Google')) return this.populate('GoogleAppEngine');
    if (this.has('Google Web Preview')) return this.populate('GoogleWebPreview');
    return false;
  }

  private challengeCrawlers(): boolean {
    if (
      this.has('Yahoo') ||
      this.has('help.yahoo.co.jp/help/jp/') ||
      this.has('listing.yahoo.co.jp/support/faq/')
    ) {
      if (this.has('compatible; Yahoo! Slurp')) return this.populate('YahooSlurp');
      if (
        this.has('YahooFeedSeekerJp') ||
        this.has('YahooFeedSeekerBetaJp') ||
        this.has('crawler (http://listing.yahoo.co.jp/support/faq/') ||
        this.has('crawler (http://help.yahoo.co.jp/help/jp/') ||
        this.has('Y!J-BRZ/YATSHA crawler') ||
        this.has('Y!J-BRY/YATSH crawler')
      )
        return this.populate('YahooJP');
      if (this.has('Yahoo Pipes')) return this.populate('YahooPipes');
    }
    if (this.has('msnbot')) return this.populate('msnbot');
    if (this.has('bingbot') && this.has('compatible; bingbot')) return this.populate('bingbot');
    if (this.has('BingPreview')) return this.populate('BingPreview');
    if (
      this.has('Baidu') &&
      (this.has('compatible; Baiduspider') || this.has('Baiduspider+') || this.has('Baiduspider-image+'))
    )
      return this.populate('Baiduspider');
    if (
      this.has('Yeti') &&
      (this.has('http://help.naver.com/robots') ||
        this.has('http://help.naver.com/support/robots.html') ||
        this.has('http://naver.me/bot'))
    )
      return this.populate('Yeti');
    if (this.has('FeedBurner/')) return this.populate('FeedBurner');
    if (this.has('facebookexternalhit')) return this.populate('facebook');
    if (this.has('Twitterbot/')) return this.populate('twitter');
    if (
      this.has('ichiro') &&
      (this.has('http://help.goo.ne.jp/door/crawler.html') || this.has('compatible; ichiro/mobile goo;'))
    )
      return this.populate('goo');
    if (this.has('gooblogsearch/')) return this.populate('goo');
    if (this.has('Apple-PubSub')) return this.populate('ApplePubSub');
    if (this.has('(www.radian6.com/crawler)')) return this.populate('radian6');
    if (this.has('Genieo/')) return this.populate('Genieo');
    if (this.has('labs.topsy.com/butterfly/')) return this.populate('topsyButterfly');
    if (this.has('rogerbot/1.0 (http://www.seomoz.org/dp/rogerbot')) return this.populate('rogerbot');
    if (this.has('compatible; AhrefsBot/')) return this.populate('AhrefsBot');
    if (this.has('livedoor FeedFetcher') || this.has('Fastladder FeedFetcher'))
      return this.populate('livedoorFeedFetcher');
    if (this.has('Hatena Antenna') || this.has('Hatena Pagetitle Agent') || this.has('Hatena Diary RSS'))
      return this.populate('Hatena');
    if (this.has('mixi-check') || this.has('mixi-crawler') || this.has('mixi-news-crawler'))
      return this.populate('mixi');
    if (this.has('Indy Library') && this.has('compatible; Indy Library')) return this.populate('IndyLibrary');
    if (this.has('trendictionbot')) return this.populate('trendictionbot');
    return false;
  }

  private challengeMsie(): boolean {
    if (!this.has('compatible; MSIE') && !this.has('Trident/') && !this.has('IEMobile')) return false;
    const msie = capture('msie', this.agent);
    const trident = matches('trident', this.agent);
    const tridentVersion = capture('tridentVersion', this.agent);
    const ieMobile = capture('ieMobile', this.agent);
    if (msie !== undefined) this.result.version = msie;
    else if (trident) this.result.version = tridentVersion ?? UNKNOWN;
    else if (ieMobile !== undefined) this.result.version = ieMobile;
    else this.result.version = UNKNOWN;
    return this.populate('MSIE');
  }

  private challengeMsEdge(): boolean {
    const version = capture('msEdge', this.agent);
    if (version === undefined) return false;
    this.result.version = version;
    return this.populate('Edge');
  }

  /** Vivaldi and Firefox for iOS: a version pattern, then the entry. */
  private challengeVersioned(pattern: Pattern, label: string): boolean {
    const version = capture(pattern, this.agent);
    if (version === undefined) return false;
    this.result.version = version;
    return this.populate(label);
  }

  private challengeYandexBrowser(): boolean {
    if (!this.has('YaBrowser/')) return false;
    const version = capture('yaBrowserVersion', this.agent);
    if (version === undefined) return false;
    this.result.version = version;
    return this.populate('YaBrowser');
  }

  private challengeSafariChrome(): boolean {
    if (this.has('Chrome') && this.has('wv')) return false;
    if (!this.has('Safari/')) return false;
    if (matches('chrome', this.agent)) {
      if (matches('operaVersion3', this.agent)) {
        const version = capture('operaVersion3', this.agent) ?? '';
        if (!this.populate('Opera')) return false;
        if (version !== '') this.result.version = version;
        return true;
      }
      if (!this.populate('Chrome')) return false;
      const version = capture('chrome', this.agent) ?? '';
      if (version !== '') this.result.version = version;
      return true;
    }
    const version = capture('safari', this.agent) ?? UNKNOWN;
    if (this.has('GSA')) {
      const gsa = capture('gsaVersion', this.agent);
      if (gsa !== undefined) {
        this.result.version = gsa;
        return this.populate('GSA');
      }
    }
    if (!this.populate('Safari')) return false;
    this.result.version = version;
    return true;
  }

  private challengeFirefox(): boolean {
    if (!this.has('Firefox/')) return false;
    const version = capture('firefox', this.agent) ?? UNKNOWN;
    if (!this.populate('Firefox')) return false;
    this.result.version = version;
    return true;
  }

  private challengeOpera(): boolean {
    if (!this.has('Opera')) return false;
    const version = capture('operaVersion1', this.agent) ?? capture('operaVersion2', this.agent) ?? UNKNOWN;
    if (!this.populate('Opera')) return false;
    this.result.version = version;
    return true;
  }

  private challengeWebview(): boolean {
    const version = matches('webviewVersion', this.agent)
      ? (capture('webviewVersion', this.agent) ?? '')
      : UNKNOWN;
    if (this.has('Chrome') && this.has('wv')) {
      this.result.version = version;
      this.populate('Webview');
      return true;
    }
    if (!matches('webview', this.agent) || this.has('Safari/')) return false;
    if (!this.populate('Webview')) return false;
    const found = capture('webviewVersion', this.agent) ?? '';
    if (found !== '') this.result.version = found;
    return true;
  }

  /** docomo, au, SoftBank, willcom: a marker, the entry, the version (UNKNOWN when not found). */
  private challengeCarrier(markers: string[], label: string, version: () => string | undefined): boolean {
    if (!markers.some((marker) => this.has(marker))) return false;
    const found = version() ?? UNKNOWN;
    if (!this.populate(label)) return false;
    this.result.version = found;
    return true;
  }

  private challengeMiscMobilephone(): boolean {
    if (this.has('jig browser')) {
      if (!this.populate('jig')) return false;
      const version = capture('jig', this.agent);
      if (version !== undefined) this.result.version = version;
      return true;
    }
    if (this.has('emobile/') || this.has('OpenBrowser') || this.has('Browser/Obigo-Browser'))
      return this.populate('emobile');
    if (this.has('SymbianOS')) return this.populate('SymbianOS');
    if (this.has('Hatena-Mobile-Gateway/')) {
      if (!this.populate('MobileTranscoder')) return false;
      this.result.version = 'Hatena';
      return true;
    }
    if (this.has('livedoor-Mobile-Gateway/')) {
      if (!this.populate('MobileTranscoder')) return false;
      this.result.version = 'livedoor';
      return true;
    }
    return false;
  }

  private challengePlaystation(): boolean {
    let osVersion = '';
    let entry: WootheeEntry | undefined;
    if (this.has('PSP (PlayStation Portable)')) {
      osVersion = capture('pspOsVersion', this.agent) ?? '';
      entry = lookup('PSP');
    } else if (this.has('PlayStation Vita')) {
      osVersion = capture('psvitaOsVersion', this.agent) ?? '';
      entry = lookup('PSVita');
    } else if (this.has('PLAYSTATION 3 ') || this.has('PLAYSTATION 3;')) {
      osVersion = capture('ps3OsVersion', this.agent) ?? '';
      entry = lookup('PS3');
    } else if (this.has('PlayStation 4 ')) {
      osVersion = capture('ps4OsVersion', this.agent) ?? '';
      entry = lookup('PS4');
    }
    if (entry === undefined) return false;
    this.populateWith(entry);
    if (osVersion !== '') this.result.osVersion = osVersion;
    return true;
  }

  private challengeNintendo(): boolean {
    if (this.has('Nintendo 3DS;')) return this.populate('Nintendo3DS');
    if (this.has('Nintendo DSi;')) return this.populate('NintendoDSi');
    if (this.has('Nintendo Wii;')) return this.populate('NintendoWii');
    if (this.has('(Nintendo WiiU)')) return this.populate('NintendoWiiU');
    return false;
  }

  private challengeDigitalTv(): boolean {
    if (this.has('InettvBrowser/')) return this.populate('DigitalTV');
    return false;
  }

  private challengeWindows(): boolean {
    if (!this.has('Windows')) return false;
    if (this.has('Xbox')) {
      if (this.has('Xbox; Xbox One)')) return this.populate('XboxOne');
      return this.populate('Xbox360');
    }
    const win = lookup('Win');
    if (win === undefined) return false;
    let version = capture('windowsVersion', this.agent);
    if (version === undefined) {
      this.result.category = win.category;
      this.result.os = win.name;
      return true;
    }
    const label = WINDOWS_VERSIONS.get(version);
    let entry: WootheeEntry | undefined;
    if (label !== undefined) {
      entry = lookup(label);
    } else {
      const phone = capture('winPhone', version);
      if (phone !== undefined) {
        version = phone;
        entry = lookup('WinPhone');
      }
    }
    if (entry === undefined) return false;
    this.result.category = entry.category;
    this.result.os = entry.name;
    if (version !== '') this.result.osVersion = version;
    return true;
  }

  private challengeOsx(): boolean {
    if (!this.has('Mac OS X')) return false;
    let entry = lookup('OSX');
    if (entry === undefined) return false;
    let version = '';
    if (this.has('like Mac OS X')) {
      if (this.has('iPhone;')) entry = lookup('iPhone');
      else if (this.has('iPad;')) entry = lookup('iPad');
      else if (this.has('iPod')) entry = lookup('iPod');
      if (entry === undefined) return false;
      const found = capture('osxIphoneOsVersion', this.agent);
      if (found !== undefined) version = found.replaceAll('_', '.');
    } else {
      const found = capture('osxOsVersion', this.agent);
      if (found !== undefined) version = found.replaceAll('_', '.');
    }
    this.result.category = entry.category;
    this.result.os = entry.name;
    if (version !== '') this.result.osVersion = version;
    return true;
  }

  private challengeLinux(): boolean {
    if (!this.has('Linux')) return false;
    let osVersion = '';
    let entry: WootheeEntry | undefined;
    if (this.has('Android')) {
      osVersion = capture('androidOsVersion', this.agent) ?? '';
      entry = lookup('Android');
    } else {
      entry = lookup('Linux');
    }
    if (entry === undefined) return false;
    this.result.category = entry.category;
    this.result.os = entry.name;
    if (osVersion !== '') this.result.osVersion = osVersion;
    return true;
  }

  private challengeSmartphone(): boolean {
    let osVersion = '';
    let entry: WootheeEntry | undefined;
    if (this.has('iPhone')) entry = lookup('iPhone');
    else if (this.has('iPad')) entry = lookup('iPad');
    else if (this.has('iPod')) entry = lookup('iPod');
    else if (this.has('Android')) {
      osVersion = capture('androidOsVersion', this.agent) ?? '';
      entry = lookup('Android');
    } else if (this.has('CFNetwork')) entry = lookup('iOS');
    else if (this.has('BB10')) {
      osVersion = capture('blackberry10OsVersion', this.agent) ?? '';
      this.result.version = UNKNOWN;
      entry = lookup('BlackBerry10');
    } else if (this.has('BlackBerry')) {
      osVersion = capture('blackberryOsVersion', this.agent) ?? '';
      entry = lookup('BlackBerry');
    }
    const firefox = lookup('Firefox');
    if (firefox === undefined) return false;
    if (this.result.name === firefox.name) {
      // Firefox OS.
      const version = capture('firefoxOs', this.agent);
      if (version !== undefined) {
        entry = lookup('FirefoxOS');
        osVersion = version;
      }
    }
    if (entry === undefined) return false;
    this.result.category = entry.category;
    this.result.os = entry.name;
    if (osVersion !== '') this.result.osVersion = osVersion;
    return true;
  }

  private challengeMobilephone(): boolean {
    if (this.has('KDDI-')) {
      const term = capture('kddi', this.agent);
      if (term !== undefined) {
        const entry = lookup('au');
        if (entry === undefined) return false;
        this.result.category = entry.category;
        this.result.os = entry.os;
        this.result.version = term;
        return true;
      }
    }
    if (this.has('WILLCOM') || this.has('DDIPOCKET')) {
      const term = capture('willcom', this.agent);
      if (term !== undefined) {
        const entry = lookup('willcom');
        if (entry === undefined) return false;
        this.result.category = entry.category;
        this.result.os = entry.os;
        this.result.version = term;
        return true;
      }
    }
    if (this.has('SymbianOS')) {
      const entry = lookup('SymbianOS');
      if (entry === undefined) return false;
      this.result.category = entry.category;
      this.result.os = entry.os;
      return true;
    }
    // These set the result and still give up, as the crate does.
    if (this.has('Google Wireless Transcoder')) {
      if (!this.populate('MobileTranscoder')) return false;
      this.result.version = 'Google';
    }
    if (this.has('Naver Transcoder')) {
      if (!this.populate('MobileTranscoder')) return false;
      this.result.version = 'Naver';
    }
    return false;
  }

  private challengeDesktopTools(): boolean {
    if (this.has('AppleSyndication/')) return this.populate('SafariRSSReader');
    if (this.has('compatible; Google Desktop/')) return this.populate('GoogleDesktop');
    if (this.has('Windows-RSS-Platform')) return this.populate('WindowsRSSReader');
    return false;
  }

  private challengeSmartphonePatterns(): boolean {
    if (!this.has('CFNetwork/')) return false;
    const entry = lookup('iOS');
    if (entry === undefined) return false;
    this.result.os = entry.name;
    this.result.category = entry.category;
    return true;
  }

  private challengeSamsung(): boolean {
    if (!this.has('SamsungBrowser/')) return false;
    const version = capture('samsungBrowser', this.agent) ?? UNKNOWN;
    this.populate('SamsungBrowser');
    this.result.version = version;
    return true;
  }

  private challengeSleipnir(): boolean {
    if (!this.has('Sleipnir/')) return false;
    const version = capture('sleipnirVersion', this.agent) ?? UNKNOWN;
    this.populate('Sleipnir');
    const win = lookup('Win');
    if (win === undefined) return false;
    this.result.version = version;
    this.result.category = win.category;
    this.result.os = win.name;
    return true;
  }

  private challengeHttpLibrary(): boolean {
    const agent = this.agent;
    let version = '';
    if (
      matches('httpClient', agent) ||
      matches('httpClientOther', agent) ||
      this.has('Java(TM) 2 Runtime Environment,')
    )
      version = 'Java';
    else if (agent.startsWith('Wget/')) version = 'wget';
    else if (
      agent.startsWith('libwww-perl') ||
      agent.startsWith('WWW-Mechanize') ||
      agent.startsWith('LWP::Simple') ||
      agent.startsWith('LWP ') ||
      agent.startsWith('lwp-trivial')
    )
      version = 'perl';
    else if (agent.startsWith('Ruby') || agent.startsWith('feedzirra') || agent.startsWith('Typhoeus'))
      version = 'ruby';
    else if (agent.startsWith('Python-urllib/') || agent.startsWith('Twisted ')) version = 'python';
    else if (matches('php', agent) || matches('pear', agent)) version = 'php';
    else if (agent.startsWith('curl/')) version = 'curl';
    if (version === '') return false;
    if (!this.populate('HTTPLibrary')) return false;
    this.result.version = version;
    return true;
  }

  private challengeMaybeRssReader(): boolean {
    if (
      matches('maybeRss', this.agent) ||
      rustLowercase(this.agent).includes('headline-reader') ||
      this.has('cococ/')
    )
      return this.populate('VariousRSSReader');
    return false;
  }

  private challengeMaybeCrawler(): boolean {
    if (
      matches('maybeCrawler', this.agent) ||
      matches('maybeCrawlerOther', this.agent) ||
      this.has('ASP-Ranker Feed Crawler') ||
      matches('maybeFeedParser', this.agent) ||
      matches('maybeWatchdog', this.agent)
    )
      return this.populate('VariousCrawler');
    return false;
  }

  private challengeAppliance(): boolean {
    for (const [marker, label] of [
      ['Nintendo DSi;', 'NintendoDSi'],
      ['Nintendo Wii;', 'NintendoWii'],
    ] as const) {
      if (this.has(marker)) {
        const entry = lookup(label);
        if (entry === undefined) return false;
        this.result.category = entry.category;
        this.result.os = entry.os;
        return true;
      }
    }
    return false;
  }

  private challengeMiscOs(): boolean {
    let entry: WootheeEntry | undefined;
    if (this.has('(Win98;')) {
      this.result.osVersion = '98';
      entry = lookup('Win98');
    } else if (this.has('Macintosh; U; PPC;') || this.has('Mac_PowerPC')) {
      const version = capture('ppcOsVersion', this.agent);
      if (version !== undefined) this.result.osVersion = version;
      entry = lookup('MacOS');
    } else if (this.has('X11; FreeBSD ')) {
      const version = capture('freebsdOsVersion', this.agent);
      if (version !== undefined) this.result.osVersion = version;
      entry = lookup('BSD');
    } else if (this.has('X11; CrOS ')) {
      const version = capture('chromeosOsVersion', this.agent);
      if (version !== undefined) this.result.osVersion = version;
      entry = lookup('ChromeOS');
    }
    if (entry === undefined) return false;
    this.result.category = entry.category;
    this.result.os = entry.name;
    return true;
  }
}

const WINDOWS_VERSIONS = new Map([
  ['NT 10.0', 'Win10'],
  ['NT 6.3', 'Win8.1'],
  ['NT 6.2', 'Win8'],
  ['NT 6.1', 'Win7'],
  ['NT 6.0', 'WinVista'],
  ['NT 5.1', 'WinXP'],
  ['NT 5.0', 'Win2000'],
  ['NT 4.0', 'WinNT4'],
  ['98', 'Win98'],
  ['95', 'Win95'],
  ['CE', 'WinCE'],
]);

/** Rust's `str::to_lowercase` (Unicode lowercase, as JavaScript's). */
function rustLowercase(text: string): string {
  return text.toLowerCase();
}

/**
 * `Parser::parse`: the result, or undefined when nothing recognizes the agent (the fields then
 * hold whatever the checks that gave up had set; the crate discards them too).
 */
export function parseWoothee(agent: string): WootheeResult | undefined {
  const result: WootheeResult = {
    name: UNKNOWN,
    category: UNKNOWN,
    os: UNKNOWN,
    osVersion: UNKNOWN,
    version: UNKNOWN,
  };
  if (agent === '' || agent === '-') return result;
  return new Parser(agent, result).parse() ? result : undefined;
}
