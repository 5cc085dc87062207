// Everything English, loaded on demand (i18n.tsx loadLanguage): most users never switch, so neither the
// dictionary nor antd's English locale belongs in the first screen.
export { default as antdEn } from 'antd/es/locale/en_US';
export { en } from './en.ts';
