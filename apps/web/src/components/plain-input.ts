/**
 * antd's Input and Input.Search as plain components. `Input` from 'antd' carries TextArea, Password and OTP along
 * (~7 KB gzipped, Input.TextArea and friends are static properties the bundler cannot drop); the first screens'
 * filter bars need only these two.
 */
export { default as Input } from 'antd/es/input/Input';
export { default as SearchInput } from 'antd/es/input/Search';
