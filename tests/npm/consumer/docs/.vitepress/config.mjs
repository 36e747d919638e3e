// Vue must leave the custom element alone.
export default {
  title: 'userapi docs',
  vue: { template: { compilerOptions: { isCustomElement: (tag) => tag === 'update-user-playground' } } },
};
